"""Modelos de la aplicación de recursos humanos."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Departamento(models.Model):
    nombre = models.CharField(max_length=100)
    codigo = models.CharField(max_length=10, unique=True)
    politica_vacaciones = models.TextField(blank=True)
    presupuesto = models.DecimalField(max_digits=12, decimal_places=2)

    def __str__(self):
        return self.nombre


class Empleado(models.Model):
    nombre = models.CharField(_("Nombre"), max_length=100)
    apellidos = models.CharField(_("Apellidos"), max_length=200)
    dni = models.CharField("DNI/NIE", max_length=9, unique=True)
    numero_seguridad_social = models.CharField(max_length=12)
    fecha_nacimiento = models.DateField(null=True, blank=True)
    correo_electronico = models.EmailField()
    telefono = models.CharField(max_length=20, blank=True)
    direccion = models.TextField(blank=True)
    afiliacion_sindical = models.CharField(
        max_length=100,
        blank=True,
        help_text="Sindicato al que está afiliado (cuota descontada en nómina)",
    )
    religion = models.CharField(max_length=50, blank=True)
    grado_discapacidad = models.PositiveSmallIntegerField(default=0)
    baja_medica = models.BooleanField(default=False)
    antecedentes_penales = models.FileField(upload_to="certificados/", null=True)
    iban = models.CharField(max_length=34)
    salario = models.DecimalField(max_digits=10, decimal_places=2)
    departamento = models.ForeignKey(Departamento, on_delete=models.PROTECT)
    puesto = models.CharField(max_length=100)
    fecha_alta = models.DateField()

    class Meta:
        verbose_name = "empleado"


class Festivo(models.Model):
    nombre = models.CharField(max_length=100)
    fecha = models.DateField()
    religioso = models.BooleanField(default=False)
    ambito = models.CharField(max_length=20)


class Vacante(models.Model):
    titulo = models.CharField(max_length=200)
    tipo_contrato = models.CharField(max_length=50)
    diagnostico_sistema = models.TextField(blank=True)
    receta_cocina = models.TextField(blank=True)
    politica_privacidad = models.URLField(blank=True)
